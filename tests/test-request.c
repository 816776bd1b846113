/* test-request.c: dates as typed and read, and the request text
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "rectify-clock.h"
#include "rectify-format.h"
#include "rectify-reference.h"
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
  g_autofree char *short_reference = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);

  subject = rectify_request_dup_subject (rcase);
  short_reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  g_assert_nonnull (strstr (subject, short_reference));
  g_assert_null (strstr (subject, rectify_case_get_reference (rcase)));
  g_assert_nonnull (strstr (subject, "More licences than needed"));
  g_assert_nonnull (strstr (subject, "Acme SL"));
  g_assert_null (strchr (subject, '\n'));

  body = rectify_request_dup_body (rcase, &today);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "I pressed Add twice"));
  g_assert_nonnull (strstr (body, "- Account owner: Ana García\n"));
  g_assert_nonnull (strstr (body, "- Contact e-mail: ana@example.com\n"));
  g_assert_nonnull (strstr (body, "- Licence type bought: Smart\n"));
  g_assert_nonnull (strstr (body, "- Price of one licence: 19.99 EUR excl. VAT\n"));
  g_assert_nonnull (strstr (body, "- Prices on the invoice: excluding VAT\n"));
  g_assert_nonnull (strstr (body, "- Exact number of licences to keep: 2\n"));
  g_assert_nonnull (strstr (body, "- Licences to correct: 3\n"));
  g_assert_nonnull (strstr (body, "- Purchase date: 20 November 2026\n"));
  g_assert_nonnull (strstr (body, "- Next billing date: 20 December 2026 (billed monthly)\n"));
  /* 3 × 19.99 × 24/30 = 47.976 → 47.98 */
  g_assert_nonnull (strstr (body, "Please keep exactly 2 licences of this type. "
                                  "Please remove the other 3 licences."));
  g_assert_nonnull (strstr (body, "prorated discount for the 24 days left"));
  g_assert_nonnull (strstr (body, "47.98 EUR excl. VAT"));
  g_assert_nonnull (strstr (body, short_reference));
  g_assert_null (strstr (body, rectify_case_get_reference (rcase)));
  /* No invoice facts were given: none are made up. */
  g_assert_null (strstr (body, "Invoice number"));
  g_assert_null (strstr (body, "Invoice date"));
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
  g_autofree char *short_reference = NULL;

  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme\nEvil: header");
  subject = rectify_request_dup_subject (rcase);
  g_assert_null (strchr (subject, '\n'));
  g_clear_pointer (&subject, g_free);

  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, long_account);
  subject = rectify_request_dup_subject (rcase);
  g_assert_cmpint (g_utf8_strlen (subject, -1), <, 200);
  short_reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  g_assert_nonnull (strstr (subject, short_reference));
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

/* The short reference: its form, its check character, and finding a
 * request by it (or, for requests sent before, by the UUID). */
static void
test_reference_short (void)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const char *uuid = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  g_autofree char *reference = rectify_reference_shorten (uuid);
  g_autofree char *again = rectify_reference_shorten (uuid);
  guint changed = 0;
  guint swapped = 0;
  char *lower;

  /* The first nine hex digits, 0x1b4e28ba2, shifted right by one: 0xda7145d1,
   * in base 32 3 13 7 2 17 14 17, that is "3D72HEH". The check, worked out
   * on the side with the weights x, x², … x⁷ of rectify-reference.c, comes
   * to 0. */
  g_assert_cmpuint (strlen (reference), ==, RECTIFY_SHORT_REFERENCE_LENGTH);
  g_assert_cmpstr (reference, ==, "RCT-3D72-HEH0");
  g_assert_cmpstr (reference, ==, again);
  g_assert_true (rectify_reference_is_valid (reference));

  /* Read out: any case, O for 0 and I or L for 1. */
  lower = g_ascii_strdown (reference, -1);
  g_assert_true (rectify_reference_is_valid (lower));
  g_free (lower);

  /* Every single changed character is caught... */
  for (guint i = 4; i < RECTIFY_SHORT_REFERENCE_LENGTH; i++)
    {
      if (reference[i] == '-')
        continue;
      for (guint k = 0; k < 32; k++)
        {
          g_autofree char *copy = g_strdup (reference);

          if (alphabet[k] == reference[i])
            continue;
          copy[i] = alphabet[k];
          g_assert_false (rectify_reference_is_valid (copy));
          changed++;
        }
    }
  g_assert_cmpuint (changed, ==, 8 * 31);

  /* ... and every swap of two different characters, adjacent or not, the
   * check character included. */
  for (guint i = 4; i < RECTIFY_SHORT_REFERENCE_LENGTH; i++)
    for (guint j = i + 1; j < RECTIFY_SHORT_REFERENCE_LENGTH; j++)
      {
        g_autofree char *copy = g_strdup (reference);
        char c;

        if (copy[i] == '-' || copy[j] == '-' || copy[i] == copy[j])
          continue;
        c = copy[i], copy[i] = copy[j], copy[j] = c;
        g_assert_false (rectify_reference_is_valid (copy));
        swapped++;
      }
  g_assert_cmpuint (swapped, >=, 20);

  g_assert_true (rectify_reference_is_valid ("rct-3d72-heho"));  /* O read for 0 */
  g_assert_false (rectify_reference_is_valid ("RCT-3D72-HEH"));
  g_assert_false (rectify_reference_is_valid ("XYZ-3D72-HEH0"));
  g_assert_false (rectify_reference_is_valid ("RCT-3D72HEH0-"));
  g_assert_false (rectify_reference_is_valid (""));

  /* Found in a subject as a word of its own, or by the old full UUID. */
  {
    g_autofree char *subject = g_strdup_printf ("Corrección: Acme [Ref %s]", reference);
    g_autofree char *longer = g_strdup_printf ("[Ref %sX]", reference);

    g_assert_true (rectify_reference_in_text (subject, uuid));
    g_assert_false (rectify_reference_in_text (longer, uuid));
    g_assert_true (rectify_reference_in_text ("Correction [Ref 1b4e28ba-2fa1-41d2-883f-0016d3cca427]",
                                              uuid));
    g_assert_false (rectify_reference_in_text ("Another request", uuid));
    g_assert_false (rectify_reference_in_text (NULL, uuid));
  }
}

/* Two thousand random cases: no two share a short reference (the chance
 * that they would is about 2000² / 2³⁶, 6 in 100 000). */
static void
test_reference_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      char *reference = rectify_reference_shorten (uuid);

      g_assert_true (rectify_reference_is_valid (reference));
      g_assert_true (g_hash_table_add (seen, reference));
    }
}

/* The languages the request is written in; %FALSE when the locale is not
 * installed. The catalogues come from the build tree. */
static gboolean
use_language (const char *language)
{
  const char *locale = g_str_equal (language, "es") ? "es_ES.UTF-8"
                       : g_str_equal (language, "fr") ? "fr_FR.UTF-8"
                       : "C.UTF-8";

  g_setenv ("LANGUAGE", language, TRUE);
  return setlocale (LC_ALL, locale) != NULL;
}

typedef struct
{
  RectifyScenario    scenario;
  RectifyResolution  resolution;
  gint64             minor;      /* the amount, computed by hand */
  const char        *asks[3];    /* what is asked for, in en, es, fr */
} RequestCase;

/* The cases below: on 26 November 2026, billed monthly, next on 20 December
 * (24 of the 30 days of the cycle left), prices without VAT.
 * - Wrong type: 3 Advanced at 49.00 bought, Smart at 19.00 meant:
 *   (49.00 − 19.00) × 3 = 90.00; prorated 9000 × 24 / 30 = 7200.
 * - Added by mistake: 2 of 5 at 19.99: 39.98; prorated 3998 × 24 / 30 =
 *   3198.4 → 31.98.
 * - Too many: 5 at 19.99, keep 2, so 3: 59.97; prorated 5997 × 24 / 30 =
 *   4797.6 → 47.98. */
static const RequestCase request_cases[] = {
  { RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_REMOVE, 9000,
    { "Please switch my 3 Advanced licences to Smart. Each statement from then on should be "
      "lower by 90.00 EUR excl. VAT.",
      "Les ruego que cambien mis 3 licencias Advanced por Smart. A partir de entonces, cada "
      "factura debería bajar 90,00 EUR sin IVA.",
      "Je vous remercie de bien vouloir remplacer mes 3 licences Advanced par des licences "
      "Smart. Chaque facture devrait ensuite baisser de 90,00 EUR HT." } },
  { RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_REFUND, 9000,
    { "Please switch my 3 Advanced licences to Smart. Please refund the price difference: "
      "90.00 EUR excl. VAT.",
      "Les ruego que cambien mis 3 licencias Advanced por Smart. Les ruego que reembolsen la "
      "diferencia de precio: 90,00 EUR sin IVA.",
      "Je vous remercie de bien vouloir remplacer mes 3 licences Advanced par des licences "
      "Smart. Je vous remercie de bien vouloir rembourser la différence de prix : 90,00 EUR HT." } },
  { RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_CREDIT, 9000,
    { "Please credit my account with the price difference: 90.00 EUR excl. VAT.",
      "Les ruego que abonen en mi cuenta, como crédito, la diferencia de precio: "
      "90,00 EUR sin IVA.",
      "Je vous remercie de bien vouloir créditer mon compte de la différence de prix : "
      "90,00 EUR HT." } },
  { RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_PRORATED, 7200,
    { "Please refund or credit the price difference for the 24 days left in this billing "
      "cycle: 72.00 EUR excl. VAT.",
      "Les ruego que reembolsen o abonen la diferencia de precio de los 24 días que quedan de "
      "este ciclo de facturación: 72,00 EUR sin IVA.",
      "Je vous remercie de bien vouloir rembourser ou créditer la différence de prix pour les "
      "24 jours restants de ce cycle de facturation : 72,00 EUR HT." } },
  { RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_SCHEDULED, 9000,
    { "If it cannot be done now, please refund or credit the price difference on the next "
      "billing cycle: 90.00 EUR excl. VAT.",
      "Si no es posible ahora, les ruego que reembolsen o abonen la diferencia de precio en el "
      "próximo ciclo de facturación: 90,00 EUR sin IVA.",
      "Si ce n’est pas possible maintenant, merci de rembourser ou de créditer la différence "
      "de prix au prochain cycle de facturation : 90,00 EUR HT." } },
  { RECTIFY_SCENARIO_UNINTENDED, RECTIFY_RESOLUTION_REMOVE, 3998,
    { "Please remove the 2 licences added by mistake, lowering each statement by "
      "39.98 EUR excl. VAT.",
      "Les ruego que eliminen las 2 licencias añadidas por error, lo que rebaja cada factura "
      "en 39,98 EUR sin IVA.",
      "Je vous remercie de bien vouloir supprimer les 2 licences ajoutées par erreur, ce qui "
      "baisse chaque facture de 39,98 EUR HT." } },
  { RECTIFY_SCENARIO_UNINTENDED, RECTIFY_RESOLUTION_REFUND, 3998,
    { "Please remove the 2 licences added by mistake and refund them: 39.98 EUR excl. VAT.",
      "Les ruego que eliminen las 2 licencias añadidas por error y las reembolsen: "
      "39,98 EUR sin IVA.",
      "Je vous remercie de bien vouloir supprimer les 2 licences ajoutées par erreur et les "
      "rembourser : 39,98 EUR HT." } },
  { RECTIFY_SCENARIO_UNINTENDED, RECTIFY_RESOLUTION_CREDIT, 3998,
    { "Please remove the 2 licences added by mistake and credit my account for them: "
      "39.98 EUR excl. VAT.",
      "Les ruego que eliminen las 2 licencias añadidas por error y abonen su importe en mi "
      "cuenta: 39,98 EUR sin IVA.",
      "Je vous remercie de bien vouloir supprimer les 2 licences ajoutées par erreur et en "
      "créditer le montant sur mon compte : 39,98 EUR HT." } },
  { RECTIFY_SCENARIO_UNINTENDED, RECTIFY_RESOLUTION_PRORATED, 3198,
    { "Please remove the 2 licences added by mistake. Please apply a prorated discount for "
      "the 24 days left in this billing cycle: 31.98 EUR excl. VAT.",
      "Les ruego que eliminen las 2 licencias añadidas por error. Les ruego que apliquen un "
      "descuento prorrateado por los 24 días que quedan de este ciclo de facturación: "
      "31,98 EUR sin IVA.",
      "Je vous remercie de bien vouloir supprimer les 2 licences ajoutées par erreur. Merci "
      "d’appliquer une remise au prorata pour les 24 jours restants de ce cycle de "
      "facturation : 31,98 EUR HT." } },
  { RECTIFY_SCENARIO_UNINTENDED, RECTIFY_RESOLUTION_SCHEDULED, 3998,
    { "Please remove the 2 licences added by mistake. If they cannot be refunded now, please "
      "refund or credit them on the next billing cycle: 39.98 EUR excl. VAT.",
      "Les ruego que eliminen las 2 licencias añadidas por error. Si no es posible "
      "reembolsarlas ahora, les ruego que las reembolsen o abonen en el próximo ciclo de "
      "facturación: 39,98 EUR sin IVA.",
      "Je vous remercie de bien vouloir supprimer les 2 licences ajoutées par erreur. Si elles "
      "ne peuvent pas être remboursées maintenant, merci de les rembourser ou de les créditer "
      "au prochain cycle de facturation : 39,98 EUR HT." } },
  { RECTIFY_SCENARIO_TOO_MANY, RECTIFY_RESOLUTION_REMOVE, 5997,
    { "Please keep exactly 2 licences of this type. Please remove the other 3 licences, "
      "lowering each statement by 59.97 EUR excl. VAT.",
      "Les ruego que mantengan exactamente 2 licencias de este tipo. Les ruego que eliminen "
      "las otras 3 licencias, lo que rebaja cada factura en 59,97 EUR sin IVA.",
      "Je souhaite conserver exactement 2 licences de ce type. Merci de supprimer les 3 "
      "autres licences, ce qui baisse chaque facture de 59,97 EUR HT." } },
  { RECTIFY_SCENARIO_TOO_MANY, RECTIFY_RESOLUTION_REFUND, 5997,
    { "Please keep exactly 2 licences of this type. Please remove the other 3 licences and "
      "refund them: 59.97 EUR excl. VAT.",
      "Les ruego que mantengan exactamente 2 licencias de este tipo. Les ruego que eliminen "
      "las otras 3 licencias y las reembolsen: 59,97 EUR sin IVA.",
      "Je souhaite conserver exactement 2 licences de ce type. Merci de supprimer les 3 "
      "autres licences et de les rembourser : 59,97 EUR HT." } },
  { RECTIFY_SCENARIO_TOO_MANY, RECTIFY_RESOLUTION_CREDIT, 5997,
    { "Please keep exactly 2 licences of this type. Please remove the other 3 licences and "
      "credit my account for them: 59.97 EUR excl. VAT.",
      "Les ruego que mantengan exactamente 2 licencias de este tipo. Les ruego que eliminen "
      "las otras 3 licencias y abonen su importe en mi cuenta: 59,97 EUR sin IVA.",
      "Je souhaite conserver exactement 2 licences de ce type. Merci de supprimer les 3 "
      "autres licences et d’en créditer le montant sur mon compte : 59,97 EUR HT." } },
  { RECTIFY_SCENARIO_TOO_MANY, RECTIFY_RESOLUTION_PRORATED, 4798,
    { "Please keep exactly 2 licences of this type. Please remove the other 3 licences. "
      "Please apply a prorated discount for the 24 days left in this billing cycle: "
      "47.98 EUR excl. VAT.",
      "Les ruego que mantengan exactamente 2 licencias de este tipo. Les ruego que eliminen "
      "las otras 3 licencias. Les ruego que apliquen un descuento prorrateado por los 24 días "
      "que quedan de este ciclo de facturación: 47,98 EUR sin IVA.",
      "Je souhaite conserver exactement 2 licences de ce type. Merci de supprimer les 3 "
      "autres licences. Merci d’appliquer une remise au prorata pour les 24 jours restants "
      "de ce cycle de facturation : 47,98 EUR HT." } },
  { RECTIFY_SCENARIO_TOO_MANY, RECTIFY_RESOLUTION_SCHEDULED, 5997,
    { "Please keep exactly 2 licences of this type. Please remove the other 3 licences. If "
      "they cannot be refunded now, please refund or credit them on the next billing cycle: "
      "59.97 EUR excl. VAT.",
      "Les ruego que mantengan exactamente 2 licencias de este tipo. Les ruego que eliminen "
      "las otras 3 licencias. Si no es posible reembolsarlas ahora, les ruego que las "
      "reembolsen o abonen en el próximo ciclo de facturación: 59,97 EUR sin IVA.",
      "Je souhaite conserver exactement 2 licences de ce type. Merci de supprimer les 3 "
      "autres licences. Si elles ne peuvent pas être remboursées maintenant, merci de les "
      "rembourser ou de les créditer au prochain cycle de facturation : 59,97 EUR HT." } },
};

static RectifyCase *
request_case (RectifyScenario   scenario,
              RectifyResolution resolution)
{
  RectifyCase *rcase = rectify_case_new ();

  rectify_test_fill_complete (rcase, scenario);
  if (scenario == RECTIFY_SCENARIO_WRONG_TYPE)
    {
      rectify_case_set_text (rcase, RECTIFY_TEXT_LICENCE_TYPE, "Advanced");
      rectify_case_set_text (rcase, RECTIFY_TEXT_QUANTITY, "3");
      rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "49");
      rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_TYPE, "Smart");
      rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, "19.00");
    }
  rectify_case_set_resolution (rcase, resolution);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));

  return rcase;
}

/* French puts a no-break space before ":"; the table above writes a plain
 * one, for legibility. */
static char *
with_french_spaces (const char *text)
{
  g_autoptr(GString) string = g_string_new (text);

  g_string_replace (string, " :", "\u00a0:", 0);
  return g_string_free (g_steal_pointer (&string), FALSE);
}

/* Every mistake × resolution, in every language: what the request asks
 * for, with its amount and its tax basis, as support reads it. */
static void
test_request_each_mistake (void)
{
  static const char * const languages[] = { "en", "es", "fr" };
  GDate today;

  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      if (!use_language (languages[l]))
        {
          g_test_message ("No locale for %s", languages[l]);
          g_test_incomplete ("A locale is not installed");
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (request_cases); i++)
        {
          const RequestCase *c = &request_cases[i];
          g_autoptr(RectifyCase) rcase = request_case (c->scenario, c->resolution);
          g_autofree char *asks = rectify_request_dup_resolution (rcase, c->resolution, &today);
          g_autofree char *body = rectify_request_dup_body (rcase, &today);
          g_autofree char *expected = with_french_spaces (c->asks[l]);
          gint64 minor = 0;

          g_test_message ("%s, case %u: %s", languages[l], i, asks);
          g_assert_true (rectify_case_compute_amount (rcase, c->resolution, &today, &minor, NULL));
          g_assert_cmpint (minor, ==, c->minor);

          /* Some expected texts hold only the money sentence: the switch
           * before it is checked in the others. */
          g_assert_nonnull (strstr (asks, expected));
          g_assert_nonnull (strstr (body, asks));
        }
    }

  use_language ("C");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
  rectify_clock_set_today (NULL);
}

/* Each "EUR" in @text is followed by @tax. */
static void
assert_every_amount_says (const char *text,
                          const char *tax)
{
  guint amounts = 0;

  for (const char *p = strstr (text, "EUR"); p != NULL; p = strstr (p + 1, "EUR"))
    {
      if (!g_str_has_prefix (p + 3, tax))
        g_error ("An amount without “%s”: “%.40s”", tax, p);
      amounts++;
    }
  g_assert_cmpuint (amounts, >, 0);
}

/* The type meant costs more: no refund is asked for, the switch is, and
 * the difference is stated. Invoice facts and the tax basis appear on
 * every amount. */
static void
test_request_wrong_type_costs_more (void)
{
  static const char * const languages[] = { "en", "es", "fr" };
  static const char * const expected[][5] = {
    { "Please switch my 3 Advanced licences to Smart. The type I meant costs 5.00 EUR incl. VAT "
      "more per licence (15.00 EUR incl. VAT for the 3 licences), so no refund or credit is "
      "due: please make the switch and bill the difference as usual.",
      "- Price of one licence: 49.00 EUR incl. VAT\n",
      "- Invoice number: F-2026-1123\n",
      "- Invoice date: 2 November 2026\n",
      "- Extra cost per licence of the type I meant: 5.00 EUR incl. VAT\n" },
    { "Les ruego que cambien mis 3 licencias Advanced por Smart. El tipo que quería cuesta "
      "5,00 EUR con IVA más por licencia (15,00 EUR con IVA por las 3 licencias), así que no "
      "corresponde reembolso ni abono: les ruego que hagan el cambio y facturen la diferencia "
      "como de costumbre.",
      "- Precio de una licencia: 49,00 EUR con IVA\n",
      "- Número de factura: F-2026-1123\n",
      "- Fecha de la factura: ",
      "- Sobrecoste por licencia del tipo que quería: 5,00 EUR con IVA\n" },
    { "Je vous remercie de bien vouloir remplacer mes 3 licences Advanced par des licences "
      "Smart. Le type voulu coûte 5,00 EUR TTC de plus par licence (15,00 EUR TTC pour les 3 "
      "licences), aucun remboursement ni avoir n’est donc dû : merci d’effectuer le "
      "changement et de facturer la différence comme d’habitude.",
      "- Prix d’une licence : 49,00 EUR TTC\n",
      "- Numéro de facture : F-2026-1123\n",
      "- Date de la facture : ",
      "- Surcoût par licence du type voulu : 5,00 EUR TTC\n" },
  };
  static const char * const tax[] = { " incl. VAT", " con IVA", " TTC" };
  GDate today;
  GDate invoice;

  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  g_date_clear (&invoice, 1);
  g_date_set_dmy (&invoice, 2, 11, 2026);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(RectifyCase) rcase = NULL;
      g_autofree char *asks = NULL;
      g_autofree char *body = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *price = NULL;
      g_autofree char *number = NULL;
      g_autofree char *date = NULL;
      g_autofree char *extra = NULL;
      gint64 minor;

      if (!use_language (languages[l]))
        {
          g_test_incomplete ("A locale is not installed");
          continue;
        }

      rcase = request_case (RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_RESOLUTION_REFUND);
      rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, "54");
      rectify_case_set_prices_include_tax (rcase, TRUE);
      rectify_case_set_text (rcase, RECTIFY_TEXT_INVOICE_NUMBER, " F-2026-1123 ");
      rectify_case_set_invoice_date (rcase, &invoice);
      g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));
      g_assert_false (rectify_case_compute_amount (rcase, RECTIFY_RESOLUTION_REFUND, &today,
                                                   &minor, NULL));

      asks = rectify_request_dup_resolution (rcase, RECTIFY_RESOLUTION_REFUND, &today);
      body = rectify_request_dup_body (rcase, &today);
      sentence = with_french_spaces (expected[l][0]);
      price = with_french_spaces (expected[l][1]);
      number = with_french_spaces (expected[l][2]);
      date = with_french_spaces (expected[l][3]);
      extra = with_french_spaces (expected[l][4]);
      g_test_message ("%s", body);
      g_assert_cmpstr (asks, ==, sentence);
      g_assert_nonnull (strstr (body, sentence));
      g_assert_nonnull (strstr (body, price));
      g_assert_nonnull (strstr (body, number));
      g_assert_nonnull (strstr (body, date));
      g_assert_nonnull (strstr (body, extra));
      /* No amount without its tax basis. */
      assert_every_amount_says (body, tax[l]);
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The catalogues as built, for the tests in Spanish and French. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* No textdomain (): the core must name its own domain, plural forms
   * included, or the request goes out half in English. */
  /* g_dgettext() decides once, on its first call, whether to translate at
   * all: make that call under the C locale, whatever test runs first. */
  setlocale (LC_ALL, "C");
  g_assert_nonnull (_("Invoice number"));

  g_test_add_func ("/format/dates-c-locale", test_format_dates_c_locale);
  g_test_add_func ("/format/parse-dates", test_parse_dates);
  g_test_add_func ("/format/round-trip-spanish", test_format_parse_round_trip_spanish);
  g_test_add_func ("/request/text", test_request_text);
  g_test_add_func ("/request/subject-one-line", test_request_subject_one_line);
  g_test_add_func ("/request/mailto", test_request_mailto);
  g_test_add_func ("/request/each-mistake", test_request_each_mistake);
  g_test_add_func ("/request/wrong-type-costs-more", test_request_wrong_type_costs_more);
  g_test_add_func ("/reference/short", test_reference_short);
  g_test_add_func ("/reference/unique", test_reference_unique);

  return g_test_run ();
}
