/* test-case.c: the case model and its validation
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rectify-billing.h"
#include "rectify-case.h"
#include "rectify-clock.h"
#include "rectify-core-enums.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

static void
test_case_reference (void)
{
  g_autoptr(RectifyCase) a = rectify_case_new ();
  g_autoptr(RectifyCase) b = rectify_case_new ();

  g_assert_true (g_uuid_string_is_valid (rectify_case_get_reference (a)));
  g_assert_true (g_uuid_string_is_valid (rectify_case_get_reference (b)));
  g_assert_cmpstr (rectify_case_get_reference (a), !=, rectify_case_get_reference (b));
  g_assert_nonnull (rectify_case_get_created (a));
  g_assert_cmpstr (rectify_case_get_text (a, RECTIFY_TEXT_CURRENCY), ==, "EUR");
}

/* Cases share one copy of a short text: each keeps its own as long as it
 * lives, whoever else lets it go or changes theirs. */
static void
test_case_shared_texts (void)
{
  RectifyCase *a = rectify_case_new ();
  g_autoptr(RectifyCase) b = rectify_case_new ();
  g_autoptr(RectifyCase) c = rectify_case_new ();
  g_autofree char *typed = g_strdup ("Advanced");

  rectify_case_set_text (a, RECTIFY_TEXT_LICENCE_TYPE, typed);
  rectify_case_set_text (b, RECTIFY_TEXT_LICENCE_TYPE, typed);
  rectify_case_set_text (c, RECTIFY_TEXT_LICENCE_TYPE, "Advanced");
  g_assert_true (rectify_case_get_text (a, RECTIFY_TEXT_LICENCE_TYPE) ==
                 rectify_case_get_text (b, RECTIFY_TEXT_LICENCE_TYPE));
  memset (typed, 'x', strlen (typed));

  g_object_unref (a);
  rectify_case_set_text (c, RECTIFY_TEXT_LICENCE_TYPE, "Smart");
  g_assert_cmpstr (rectify_case_get_text (b, RECTIFY_TEXT_LICENCE_TYPE), ==, "Advanced");
  g_assert_cmpstr (rectify_case_get_text (c, RECTIFY_TEXT_LICENCE_TYPE), ==, "Smart");

  /* The explanation is the case's own copy, even when it is short. */
  rectify_case_set_text (b, RECTIFY_TEXT_EXPLANATION, "Advanced");
  g_assert_true (rectify_case_get_text (b, RECTIFY_TEXT_EXPLANATION) !=
                 rectify_case_get_text (b, RECTIFY_TEXT_LICENCE_TYPE));
  rectify_case_set_text (b, RECTIFY_TEXT_EXPLANATION, NULL);
  g_assert_cmpstr (rectify_case_get_text (b, RECTIFY_TEXT_LICENCE_TYPE), ==, "Advanced");
}

static void
test_case_scenario_notify (void)
{
  RectifyCase *rcase = rectify_case_new ();
  guint scenario_notifies = 0;
  guint complete_notifies = 0;
  guint changes = 0;
  RectifyScenario scenario;

  /* The dates filled in are valid on this day, not on every day. */
  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_NONE);
  g_signal_connect (rcase, "notify::scenario", G_CALLBACK (count_notify), &scenario_notifies);
  g_signal_connect (rcase, "notify::identify-complete", G_CALLBACK (count_notify), &complete_notifies);
  g_signal_connect (rcase, "changed", G_CALLBACK (count_signal), &changes);

  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_NONE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  /* Setting the value it already has says nothing. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  g_assert_cmpuint (scenario_notifies, ==, 0);
  g_assert_cmpuint (changes, ==, 0);

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_cmpuint (scenario_notifies, ==, 1);
  g_assert_cmpuint (complete_notifies, ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_cmpuint (scenario_notifies, ==, 1);

  /* Through the GObject property too, with the same rule. */
  g_object_set (rcase, "scenario", RECTIFY_SCENARIO_WRONG_TYPE, NULL);
  g_object_get (rcase, "scenario", &scenario, NULL);
  g_assert_cmpint (scenario, ==, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_cmpuint (scenario_notifies, ==, 2);
  /* Still complete: no notification for an unchanged completeness. */
  g_assert_cmpuint (complete_notifies, ==, 1);

  g_object_set (rcase, "scenario", RECTIFY_SCENARIO_WRONG_TYPE, NULL);
  g_assert_cmpuint (scenario_notifies, ==, 2);

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));
  g_assert_cmpuint (complete_notifies, ==, 2);

  g_assert_finalize_object (rcase);
  rectify_clock_set_today (NULL);
}

static void
test_case_text_notify (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *value = NULL;
  guint notifies = 0;
  guint changes = 0;

  g_signal_connect (rcase, "notify::owner-name", G_CALLBACK (count_notify), &notifies);
  g_signal_connect (rcase, "changed", G_CALLBACK (count_signal), &changes);

  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana");
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana");
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (changes, ==, 1);

  g_object_set (rcase, "owner-name", "Ana García", NULL);
  g_object_get (rcase, "owner-name", &value, NULL);
  g_assert_cmpstr (value, ==, "Ana García");
  g_assert_cmpuint (notifies, ==, 2);

  /* NULL and "" are the same empty field. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, NULL);
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "");
  g_assert_cmpuint (notifies, ==, 3);
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), ==, "");

  /* Invalid UTF-8 is repaired, not refused and not lost. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Jos\xe9");
  g_assert_true (g_utf8_validate (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), -1, NULL));
  g_assert_true (g_str_has_prefix (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), "Jos"));
}

static void
test_case_updated_moves (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GDateTime) before = g_date_time_ref (rectify_case_get_updated (rcase));
  guint notifies = 0;

  g_signal_connect (rcase, "notify::updated", G_CALLBACK (count_notify), &notifies);
  g_usleep (2000);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme");
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (g_date_time_compare (rectify_case_get_updated (rcase), before), >, 0);

  /* Moving between pages is saved but is not a change to the case. */
  g_clear_pointer (&before, g_date_time_unref);
  before = g_date_time_ref (rectify_case_get_updated (rcase));
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  g_assert_true (g_date_time_equal (rectify_case_get_updated (rcase), before));
}

/* Asserts that @field has an error (or warning) whose message contains
 * @fragment, or no problem when @fragment is NULL. */
static void
assert_problem (RectifyCase *rcase,
                const char  *field,
                const char  *fragment,
                gboolean     warning)
{
  const RectifyProblem *problem = rectify_case_get_field_problem (rcase, field);

  if (fragment == NULL)
    {
      if (problem != NULL)
        g_error ("%s: unexpected problem “%s”", field, problem->message);
      return;
    }

  if (problem == NULL)
    g_error ("%s: expected a problem with “%s”, found none", field, fragment);
  if (strstr (problem->message, fragment) == NULL)
    g_error ("%s: expected “%s” in “%s”", field, fragment, problem->message);
  g_assert_cmpint (problem->warning, ==, warning);
}

static void
test_case_validate_identify (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  GDate date;

  rectify_test_set_today (2026, 11, 26);

  assert_problem (rcase, "scenario", "Choose", FALSE);
  assert_problem (rcase, "purchase-date", "Enter", FALSE);
  assert_problem (rcase, "next-billing", "Enter", FALSE);

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_UNINTENDED);
  assert_problem (rcase, "scenario", NULL, FALSE);

  g_date_set_dmy (&date, 27, 11, 2026);
  rectify_case_set_purchase_date (rcase, &date);
  assert_problem (rcase, "purchase-date", "future", FALSE);

  g_date_set_dmy (&date, 20, 11, 2016);
  rectify_case_set_purchase_date (rcase, &date);
  assert_problem (rcase, "purchase-date", "five years", FALSE);

  g_date_set_dmy (&date, 26, 11, 2026);
  rectify_case_set_purchase_date (rcase, &date);
  assert_problem (rcase, "purchase-date", NULL, FALSE);

  /* On or before the purchase: wrong. */
  rectify_case_set_next_billing (rcase, &date);
  assert_problem (rcase, "next-billing", "after the purchase", FALSE);

  /* More than a month away on a monthly plan: not the next one. */
  g_date_set_dmy (&date, 28, 12, 2026);
  rectify_case_set_next_billing (rcase, &date);
  assert_problem (rcase, "next-billing", "at most a month", FALSE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  /* The same date is fine on an annual plan. */
  rectify_case_set_period (rcase, RECTIFY_PERIOD_ANNUAL);
  assert_problem (rcase, "next-billing", NULL, FALSE);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  g_date_set_dmy (&date, 27, 11, 2027);
  rectify_case_set_next_billing (rcase, &date);
  assert_problem (rcase, "next-billing", "at most a year", FALSE);

  /* A next billing date that has passed is allowed: that is the "passed"
   * urgency, not a typing mistake. */
  rectify_case_set_period (rcase, RECTIFY_PERIOD_MONTHLY);
  g_date_set_dmy (&date, 1, 10, 2026);
  rectify_case_set_purchase_date (rcase, &date);
  g_date_set_dmy (&date, 1, 11, 2026);
  rectify_case_set_next_billing (rcase, &date);
  assert_problem (rcase, "next-billing", NULL, FALSE);

  /* Unset again. */
  rectify_case_set_next_billing (rcase, NULL);
  assert_problem (rcase, "next-billing", "Enter", FALSE);

  rectify_clock_set_today (NULL);
}

typedef struct
{
  RectifyText  text;
  const char  *value;
  const char  *fragment;  /* NULL: valid */
} TextCase;

static void
check_text_cases (RectifyScenario  scenario,
                  const TextCase  *cases,
                  gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(RectifyCase) rcase = rectify_case_new ();
      const char *field = rectify_case_text_property (cases[i].text);

      rectify_test_fill_complete (rcase, scenario);
      g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

      rectify_case_set_text (rcase, cases[i].text, cases[i].value);
      g_test_message ("%s = “%.40s”", field, cases[i].value);
      assert_problem (rcase, field, cases[i].fragment, FALSE);
      g_assert_cmpint (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS),
                       ==, cases[i].fragment == NULL);
    }
}

static void
test_case_validate_details (void)
{
  g_autofree char *long_name = g_strnfill (RECTIFY_MAX_NAME + 1, 'x');
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'a');
  g_autofree char *max_explanation = g_strnfill (RECTIFY_MAX_EXPLANATION, 'e');
  g_autofree char *over_explanation = g_strnfill (RECTIFY_MAX_EXPLANATION + 1, 'e');
  g_autofree char *local = g_strnfill (250, 'n');
  g_autofree char *long_email = g_strconcat (local, "@example.com", NULL);
  g_autofree char *long_invoice = g_strnfill (RECTIFY_MAX_INVOICE_NUMBER + 1, '7');
  const TextCase cases[] = {
    { RECTIFY_TEXT_ACCOUNT, "", "company" },
    { RECTIFY_TEXT_ACCOUNT, "   \t ", "company" },
    { RECTIFY_TEXT_ACCOUNT, long_name, "under" },
    { RECTIFY_TEXT_ACCOUNT, huge, "under" },
    { RECTIFY_TEXT_ACCOUNT, "  Acme SL  ", NULL },
    { RECTIFY_TEXT_OWNER_NAME, "", "owner" },
    { RECTIFY_TEXT_OWNER_NAME, "Zoë Ñúñez", NULL },
    { RECTIFY_TEXT_CONTACT_EMAIL, "", "e-mail" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana", "exactly one" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana@@example.com", "exactly one" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "a@b@example.com", "exactly one" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "@example.com", "before" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana@example", "dot" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana@example..com", "empty" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana@.example.com", "empty" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana@example.com.", "empty" },
    { RECTIFY_TEXT_CONTACT_EMAIL, "ana maria@example.com", "spaces" },
    { RECTIFY_TEXT_CONTACT_EMAIL, long_email, "too long" },
    { RECTIFY_TEXT_CONTACT_EMAIL, " ana@example.com ", NULL },
    { RECTIFY_TEXT_LICENCE_TYPE, "", "licence type" },
    { RECTIFY_TEXT_QUANTITY, "", "how many" },
    { RECTIFY_TEXT_QUANTITY, "0", "from 1 to 10000" },
    { RECTIFY_TEXT_QUANTITY, "10001", "from 1 to 10000" },
    { RECTIFY_TEXT_QUANTITY, "-3", "whole number" },
    { RECTIFY_TEXT_QUANTITY, "2.5", "whole number" },
    { RECTIFY_TEXT_QUANTITY, "three", "whole number" },
    { RECTIFY_TEXT_QUANTITY, "99999999999999999999999", "whole number" },
    { RECTIFY_TEXT_QUANTITY, "10000", NULL },
    { RECTIFY_TEXT_UNIT_PRICE, "", "price of one" },
    { RECTIFY_TEXT_UNIT_PRICE, "abc", "" /* any reason: the money parser words it */ },
    { RECTIFY_TEXT_UNIT_PRICE, "-5", "" },
    { RECTIFY_TEXT_UNIT_PRICE, "1.999", "" },
    { RECTIFY_TEXT_UNIT_PRICE, "99999999999999999999", "" },
    /* A credit is chosen: at 0 there is nothing to credit. */
    { RECTIFY_TEXT_UNIT_PRICE, "0", "nothing to refund" },
    { RECTIFY_TEXT_UNIT_PRICE, "0.01", NULL },
    { RECTIFY_TEXT_UNIT_PRICE, "19,99", NULL },
    /* The profile's ceiling for EUR is 200.00 a month. */
    { RECTIFY_TEXT_UNIT_PRICE, "200", NULL },
    { RECTIFY_TEXT_UNIT_PRICE, "200.01", "No licence costs more than 200.00 EUR a month" },
    { RECTIFY_TEXT_UNIT_PRICE, "99999999999", "confirm it below" },
    { RECTIFY_TEXT_INVOICE_NUMBER, "", NULL },
    { RECTIFY_TEXT_INVOICE_NUMBER, "F-2026-1123", NULL },
    { RECTIFY_TEXT_INVOICE_NUMBER, "F-2026\n1123", "one line" },
    { RECTIFY_TEXT_INVOICE_NUMBER, long_invoice, "at most 64" },
    { RECTIFY_TEXT_CURRENCY, "", "currency" },
    { RECTIFY_TEXT_CURRENCY, "EURO", "three-letter" },
    { RECTIFY_TEXT_CURRENCY, "XYZ", "three-letter" },
    { RECTIFY_TEXT_CURRENCY, "GBP", NULL },
    { RECTIFY_TEXT_EXPLANATION, "", "at least 20" },
    { RECTIFY_TEXT_EXPLANATION, "   too short, padded      ", "at least 20" },
    { RECTIFY_TEXT_EXPLANATION, max_explanation, NULL },
    { RECTIFY_TEXT_EXPLANATION, over_explanation, "Shorten" },
    { RECTIFY_TEXT_EXPLANATION, huge, "Shorten" },
  };

  rectify_test_set_today (2026, 11, 26);
  check_text_cases (RECTIFY_SCENARIO_UNINTENDED, cases, G_N_ELEMENTS (cases));
  rectify_clock_set_today (NULL);
}

static void
test_case_validate_scenario_fields (void)
{
  const TextCase wrong_type[] = {
    { RECTIFY_TEXT_INTENDED_TYPE, "", "meant to buy" },
    { RECTIFY_TEXT_INTENDED_TYPE, " smart ", "must differ" },
    { RECTIFY_TEXT_INTENDED_TYPE, "Business", NULL },
    { RECTIFY_TEXT_INTENDED_PRICE, "", "type you meant" },
    { RECTIFY_TEXT_INTENDED_PRICE, "abc", "" },
    { RECTIFY_TEXT_INTENDED_PRICE, "0", "nothing to refund" },
    { RECTIFY_TEXT_INTENDED_PRICE, "24.99", NULL },  /* costs more: still a request */
    { RECTIFY_TEXT_INTENDED_PRICE, "250", "No licence costs more" },
  };
  const TextCase unintended[] = {
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "", "added by mistake" },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "0", "from 1 to 5" },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "6", "from 1 to 5" },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "x", "whole number" },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "5", NULL },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "1", NULL },
  };
  const TextCase too_many[] = {
    { RECTIFY_TEXT_KEEP_COUNT, "", "want to keep" },
    { RECTIFY_TEXT_KEEP_COUNT, "5", "from 0 to 4" },
    { RECTIFY_TEXT_KEEP_COUNT, "-1", "whole number" },
    { RECTIFY_TEXT_KEEP_COUNT, "4", NULL },
  };

  rectify_test_set_today (2026, 11, 26);
  check_text_cases (RECTIFY_SCENARIO_WRONG_TYPE, wrong_type, G_N_ELEMENTS (wrong_type));
  check_text_cases (RECTIFY_SCENARIO_UNINTENDED, unintended, G_N_ELEMENTS (unintended));
  check_text_cases (RECTIFY_SCENARIO_TOO_MANY, too_many, G_N_ELEMENTS (too_many));
  rectify_clock_set_today (NULL);
}

static void
test_case_keep_zero_warns (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_text (rcase, RECTIFY_TEXT_KEEP_COUNT, "0");

  /* A warning, not an error: the page stays complete. */
  assert_problem (rcase, "keep-count", "none", TRUE);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  g_assert_cmpint (rectify_case_get_affected_count (rcase), ==, 5);
  rectify_clock_set_today (NULL);
}

static void
test_case_only_own_scenario_field (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);

  /* Another scenario's field, even if nonsense, is not asked about. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_KEEP_COUNT, "nonsense");
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_TYPE, "");
  g_assert_null (rectify_case_get_field_problem (rcase, "keep-count"));
  g_assert_null (rectify_case_get_field_problem (rcase, "intended-type"));
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

  /* Switching scenario brings its own field into the check. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  assert_problem (rcase, "keep-count", "whole number", FALSE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  rectify_clock_set_today (NULL);
}

static void
test_case_steps_chain (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));

  /* The price difference of a wrong type can be prorated too. */
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_CREDIT);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));

  /* Breaking an earlier step makes the later ones incomplete too. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "");
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));
  g_assert_null (rectify_case_get_field_problem (rcase, "resolution"));
  rectify_clock_set_today (NULL);
}

/* A price of 0 leaves nothing to pay back: refused for every resolution
 * that pays back, beside the price and on the resolution; a removal of free
 * licences stays possible. */
static void
test_case_zero_price (void)
{
  const RectifyResolution pays_back[] = {
    RECTIFY_RESOLUTION_REFUND, RECTIFY_RESOLUTION_CREDIT, RECTIFY_RESOLUTION_PRORATED,
    RECTIFY_RESOLUTION_SCHEDULED,
  };
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "0,00");

  for (guint i = 0; i < G_N_ELEMENTS (pays_back); i++)
    {
      rectify_case_set_resolution (rcase, pays_back[i]);
      assert_problem (rcase, "unit-price", "nothing to refund or credit", FALSE);
      assert_problem (rcase, "resolution", "nothing to refund or credit", FALSE);
      g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
      g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));
    }

  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_REMOVE);
  g_assert_null (rectify_case_get_field_problem (rcase, "unit-price"));
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));

  /* Wrong type: a type meant that costs 0 is refused the same way. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, "0");
  assert_problem (rcase, "intended-price", "nothing to refund or credit", FALSE);
  assert_problem (rcase, "resolution", "nothing to refund or credit", FALSE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));
  rectify_clock_set_today (NULL);
}

/* A price far above any licence's asks for a confirmation that holds for
 * that price only. */
static void
test_case_price_confirmation (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  gint64 ceiling = 0;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  g_assert_false (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_UNIT_PRICE, NULL));

  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "99999999999");
  g_assert_true (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_UNIT_PRICE, &ceiling));
  g_assert_cmpint (ceiling, ==, 20000);
  assert_problem (rcase, "unit-price", "200.00 EUR a month", FALSE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE, TRUE);
  g_assert_null (rectify_case_get_field_problem (rcase, "unit-price"));
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

  /* Another price, or another currency, is another question. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "88888888888");
  g_assert_false (rectify_case_get_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE));
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE, TRUE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_CURRENCY, "GBP");
  g_assert_false (rectify_case_get_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE));

  /* Annual billing: twelve months, 2400.00. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_CURRENCY, "EUR");
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "2000");
  g_assert_true (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_UNIT_PRICE, NULL));
  rectify_case_set_period (rcase, RECTIFY_PERIOD_ANNUAL);
  g_assert_false (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_UNIT_PRICE, &ceiling));
  g_assert_cmpint (ceiling, ==, 240000);
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "2400.01");
  assert_problem (rcase, "unit-price", "2400.00 EUR a year", FALSE);
  rectify_clock_set_today (NULL);
}

static void
test_case_affected_and_amounts (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GError) error = NULL;
  GDate today;
  gint64 amount;

  /* 5 licences at 19.99, monthly, next billing 20 Dec 2026; on 26 Nov there
   * are 24 of the 30 days of the cycle left. */
  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_text (rcase, RECTIFY_TEXT_KEEP_COUNT, "2");
  g_assert_cmpint (rectify_case_get_affected_count (rcase), ==, 3);

  g_assert_true (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_REFUND, &today,
                                              &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount, ==, 5997);

  /* 5997 × 24 / 30 = 4797.6 → 4798 */
  g_assert_true (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_PRORATED, &today,
                                              &amount, &error));
  g_assert_cmpint (amount, ==, 4798);

  /* Wrong type: the difference, (19.99 − 14.99) × 5 = 25.00, prorated
   * 2500 × 24 / 30 = 2000. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_cmpint (rectify_case_get_affected_count (rcase), ==, 5);
  g_assert_true (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_REFUND, &today,
                                              &amount, &error));
  g_assert_cmpint (amount, ==, 2500);
  g_assert_true (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_PRORATED, &today,
                                              &amount, &error));
  g_assert_cmpint (amount, ==, 2000);
  /* The type meant costs more: nothing is due back. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, "24.99");
  g_assert_false (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_REFUND, &today,
                                               &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_UNINTENDED);
  g_assert_cmpint (rectify_case_get_affected_count (rcase), ==, 2);

  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "free");
  g_assert_false (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_REFUND, &today,
                                               &amount, &error));
  g_assert_nonnull (error);
  rectify_clock_set_today (NULL);
}

static void
test_case_checklist (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_auto(GStrv) items = NULL;
  g_auto(GStrv) swapped = NULL;
  guint changes = 0;

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  items = rectify_case_dup_checklist_items (rcase);
  g_assert_cmpuint (g_strv_length (items), ==, 5);
  g_assert_cmpstr (items[0], ==, RECTIFY_CHECKLIST_REMOVE_USERS);
  g_assert_cmpstr (items[1], ==, RECTIFY_CHECKLIST_REMOVE_LICENCES);

  /* Nothing to delete or remove when the licences are only swapped. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  swapped = rectify_case_dup_checklist_items (rcase);
  g_assert_false (g_strv_contains ((const char * const *) swapped,
                                   RECTIFY_CHECKLIST_REMOVE_USERS));
  g_assert_false (g_strv_contains ((const char * const *) swapped,
                                   RECTIFY_CHECKLIST_REMOVE_LICENCES));

  g_signal_connect (rcase, "changed", G_CALLBACK (count_signal), &changes);
  g_assert_null (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY));
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  g_assert_nonnull (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY));
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  g_assert_cmpuint (changes, ==, 1);
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, FALSE);
  g_assert_null (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY));
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_case_attachments (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const RectifyProblem *problem;

  rectify_test_use_system_mime_database ();
  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  path = g_build_filename (g_get_user_cache_dir (), "invoice.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n%%EOF\n", -1, NULL));
  file = g_file_new_for_path (path);
  attachment = rectify_attachment_new (file);
  rectify_case_add_attachment (rcase, attachment);

  /* Not looked at yet: the page cannot be complete. */
  assert_problem (rcase, "attachments", "Checking", FALSE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

  rectify_test_check_attachment (attachment);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==, RECTIFY_ATTACHMENT_STATE_READY);
  g_assert_cmpstr (rectify_attachment_get_content_type (attachment), ==, "application/pdf");
  g_assert_null (rectify_case_get_field_problem (rcase, "attachments"));
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));

  /* Gone from the disk. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  rectify_test_check_attachment (attachment);
  assert_problem (rcase, "attachments", "no longer there", FALSE);

  /* Not an accepted type. */
  rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_READY, NULL, 10,
                               "application/zip");
  assert_problem (rcase, "attachments", "not a PDF", FALSE);

  /* Too large. */
  rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_READY, NULL,
                               (goffset)1 << 40, "application/pdf");
  problem = rectify_case_get_field_problem (rcase, "attachments");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "larger than"));

  rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_UNREADABLE, NULL, 10,
                               "application/pdf");
  assert_problem (rcase, "attachments", "cannot be read", FALSE);

  rectify_case_remove_attachment (rcase, attachment);
  g_assert_null (rectify_case_get_field_problem (rcase, "attachments"));
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  rectify_clock_set_today (NULL);
}

/* A duplicate is a new draft with what the owner typed, and nothing of
 * what was sent: no request number, no snapshot, no checklist, no
 * statement, no attachments. */
static void
test_case_duplicate (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/invoice.pdf");
  g_autoptr(RectifyAttachment) attachment = rectify_attachment_new (file);
  const char * const sent_files[] = { "invoice.pdf", NULL };
  GDate invoice_date;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_period (rcase, RECTIFY_PERIOD_ANNUAL);
  rectify_case_set_prices_include_tax (rcase, TRUE);
  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE, TRUE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_INVOICE_NUMBER, "F-2026-118");
  g_date_clear (&invoice_date, 1);
  g_date_set_dmy (&invoice_date, 20, 11, 2026);
  rectify_case_set_invoice_date (rcase, &invoice_date);
  rectify_case_add_attachment (rcase, attachment);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_FOLLOW_UP);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_set_sent_snapshot (rcase, "Wrong licence type", "The text that went out",
                                  sent_files);
  rectify_case_set_request (rcase, 4242, "https://desk.example/hc/requests/4242", "open");
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_STATEMENT_AMOUNT, "60.00");

  copy = rectify_case_duplicate (rcase);

  g_assert_cmpstr (rectify_case_get_reference (copy), !=, rectify_case_get_reference (rcase));
  g_assert_true (g_uuid_string_is_valid (rectify_case_get_reference (copy)));
  g_assert_cmpint (rectify_case_get_scenario (copy), ==, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_cmpint (g_date_compare (rectify_case_get_purchase_date (copy),
                                   rectify_case_get_purchase_date (rcase)), ==, 0);
  g_assert_cmpint (g_date_compare (rectify_case_get_next_billing (copy),
                                   rectify_case_get_next_billing (rcase)), ==, 0);
  g_assert_cmpint (g_date_compare (rectify_case_get_invoice_date (copy), &invoice_date), ==, 0);
  g_assert_cmpint (rectify_case_get_period (copy), ==, RECTIFY_PERIOD_ANNUAL);
  g_assert_true (rectify_case_get_prices_include_tax (copy));
  g_assert_true (rectify_case_get_price_confirmed (copy, RECTIFY_TEXT_UNIT_PRICE));
  g_assert_false (rectify_case_get_price_confirmed (copy, RECTIFY_TEXT_INTENDED_PRICE));
  g_assert_cmpint (rectify_case_get_resolution (copy), ==, RECTIFY_RESOLUTION_CREDIT);
  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    if (i != RECTIFY_TEXT_STATEMENT_AMOUNT)
      g_assert_cmpstr (rectify_case_get_text (copy, i), ==, rectify_case_get_text (rcase, i));
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_ACCOUNT), ==, "Acme SL (ID 48213)");
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_INVOICE_NUMBER), ==, "F-2026-118");

  /* Nothing of the request that went out. */
  g_assert_cmpint (rectify_case_get_send_state (copy), ==, RECTIFY_SEND_STATE_DRAFT);
  g_assert_false (rectify_case_is_submitted (copy));
  g_assert_false (rectify_case_is_locked (copy));
  g_assert_cmpint (rectify_case_get_request_id (copy), ==, 0);
  g_assert_null (rectify_case_get_request_url (copy));
  g_assert_null (rectify_case_get_sent_subject (copy));
  g_assert_null (rectify_case_get_sent_body (copy));
  g_assert_true (rectify_case_get_sent_attachments (copy) == NULL ||
                 rectify_case_get_sent_attachments (copy)[0] == NULL);
  g_assert_null (rectify_case_get_submitted_at (copy));
  g_assert_null (rectify_case_get_checklist_done (copy, RECTIFY_CHECKLIST_VERIFY));
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_STATEMENT_AMOUNT), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (rectify_case_get_attachments (copy)), ==, 0);
  g_assert_cmpint (rectify_case_get_current_step (copy), ==, RECTIFY_STEP_IDENTIFY);
  /* What was typed is complete, so it can go as it is. */
  g_assert_true (rectify_case_get_step_complete (copy, RECTIFY_STEP_DETAILS));

  /* The original keeps all it had. */
  g_assert_cmpint (rectify_case_get_request_id (rcase), ==, 4242);
  g_assert_cmpstr (rectify_case_get_sent_body (rcase), ==, "The text that went out");

  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case/reference", test_case_reference);
  g_test_add_func ("/case/shared-texts", test_case_shared_texts);
  g_test_add_func ("/case/scenario-notify", test_case_scenario_notify);
  g_test_add_func ("/case/text-notify", test_case_text_notify);
  g_test_add_func ("/case/updated-moves", test_case_updated_moves);
  g_test_add_func ("/case/validate/identify", test_case_validate_identify);
  g_test_add_func ("/case/validate/details", test_case_validate_details);
  g_test_add_func ("/case/validate/scenario-fields", test_case_validate_scenario_fields);
  g_test_add_func ("/case/validate/keep-zero-warns", test_case_keep_zero_warns);
  g_test_add_func ("/case/validate/only-own-scenario-field", test_case_only_own_scenario_field);
  g_test_add_func ("/case/validate/steps-chain", test_case_steps_chain);
  g_test_add_func ("/case/validate/attachments", test_case_attachments);
  g_test_add_func ("/case/validate/zero-price", test_case_zero_price);
  g_test_add_func ("/case/validate/price-confirmation", test_case_price_confirmation);
  g_test_add_func ("/case/amounts", test_case_affected_and_amounts);
  g_test_add_func ("/case/checklist", test_case_checklist);
  g_test_add_func ("/case/duplicate", test_case_duplicate);

  return g_test_run ();
}
