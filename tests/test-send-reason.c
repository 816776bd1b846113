/* test-send-reason.c: the outbox's reason codes, worded by the UI in each language
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected Spanish and French are those of po/es.po and po/fr.po, read
 * there by hand: the test checks that the UI finds them for each code, not
 * what the translations say.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rectify-core-enums.h"
#include "rectify-send-reason-text.h"
#include "rectify-test-case.h"

static RectifySendReason *
reason_for (RectifySendReasonCode code)
{
  RectifySendReason *reason = rectify_send_reason_new (code);

  reason->cause = RECTIFY_SEND_REASON_CONNECTION_LOST;
  reason->at = g_date_time_new_utc (2026, 11, 26, 14, 32, 0);
  reason->status = 503;
  reason->delay_ms = 4000;
  reason->file = g_strdup ("factura.pdf");
  reason->detail = g_strdup ("DETAIL");

  return reason;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in “%s”", part, text);
}

static void
test_every_code (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (RECTIFY_TYPE_SEND_REASON_CODE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  setlocale (LC_ALL, "C");
  g_assert_null (rectify_send_reason_dup_text (NULL, NULL));

  for (guint i = 0; i < klass->n_values; i++)
    {
      RectifySendReasonCode code = klass->values[i].value;
      g_autoptr(RectifySendReason) reason = reason_for (code);
      g_autofree char *text = rectify_send_reason_dup_text (reason, rcase);

      if (code == RECTIFY_SEND_REASON_NONE)
        {
          g_assert_null (text);
          continue;
        }

      /* Every code has words, each its own (the two that show the detail
       * as it came aside). */
      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
      if (code != RECTIFY_SEND_REASON_OTHER && code != RECTIFY_SEND_REASON_LEGACY)
        {
          g_assert_false (g_hash_table_contains (seen, text));
          g_hash_table_add (seen, g_strdup (text));
        }
    }
}

static void
test_facts_in_the_words (void)
{
  struct { RectifySendReasonCode code; const char *part; } expected[] = {
    { RECTIFY_SEND_REASON_WAITING_NETWORK, "Waiting for an internet connection" },
    { RECTIFY_SEND_REASON_RETRYING, "DETAIL Rectify tries again in 4 seconds." },
    { RECTIFY_SEND_REASON_LOOKUP_RETRYING, "Rectify tries again in 4 seconds." },
    { RECTIFY_SEND_REASON_DESK_FAILED_AFTER, "(error 503)" },
    { RECTIFY_SEND_REASON_CONNECTION_LOST, "the connection was lost" },
    { RECTIFY_SEND_REASON_LOOKUP_FAILED, "the connection was lost" },
    { RECTIFY_SEND_REASON_LOOKUP_FAILED, "could not check with the help desk: DETAIL" },
    { RECTIFY_SEND_REASON_FILE_MISSING, "“factura.pdf” is no longer there" },
    { RECTIFY_SEND_REASON_FILE_CANNOT_OPEN, "“factura.pdf” cannot be read" },
    { RECTIFY_SEND_REASON_FILE_UNREADABLE, "“factura.pdf” could not be read: DETAIL" },
    { RECTIFY_SEND_REASON_NOT_SAVED, "nothing was sent: DETAIL" },
    { RECTIFY_SEND_REASON_REJECTED, "did not accept the request: DETAIL." },
  };
  g_autoptr(RectifyCase) incomplete = rectify_case_new ();
  g_autoptr(RectifySendReason) reason = NULL;
  g_autofree char *text = NULL;

  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(RectifySendReason) r = reason_for (expected[i].code);
      g_autofree char *words = rectify_send_reason_dup_text (r, NULL);

      assert_contains (words, expected[i].part);
    }

  /* The words of someone else, as they came. */
  reason = reason_for (RECTIFY_SEND_REASON_LEGACY);
  text = rectify_send_reason_dup_text (reason, NULL);
  g_assert_cmpstr (text, ==, "DETAIL");
  g_clear_pointer (&text, g_free);

  /* No longer complete: what the case's validation says now. */
  g_clear_pointer (&reason, rectify_send_reason_free);
  reason = reason_for (RECTIFY_SEND_REASON_INCOMPLETE);
  text = rectify_send_reason_dup_text (reason, incomplete);
  g_assert_cmpstr (text, ==,
                   rectify_case_get_problems (incomplete, RECTIFY_STEP_IDENTIFY)->len > 0
                     ? ((RectifyProblem *) g_ptr_array_index (
                         rectify_case_get_problems (incomplete, RECTIFY_STEP_IDENTIFY), 0))->message
                     : "Complete the first three steps before sending");
}

static gboolean
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The %s locale is not installed", locale);

      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

static void
test_languages (void)
{
  g_autoptr(RectifySendReason) waiting = reason_for (RECTIFY_SEND_REASON_WAITING_NETWORK);
  g_autoptr(RectifySendReason) missing = reason_for (RECTIFY_SEND_REASON_FILE_MISSING);
  g_autoptr(RectifySendReason) failed = reason_for (RECTIFY_SEND_REASON_DESK_FAILED_AFTER);
  g_autofree char *es_waiting = NULL;
  g_autofree char *es_missing = NULL;
  g_autofree char *fr_waiting = NULL;
  g_autofree char *fr_missing = NULL;
  g_autofree char *fr_failed = NULL;

  /* The same reason, kept once, worded in the language of the moment. */
  if (!use_locale ("es_ES.UTF-8"))
    return;
  es_waiting = rectify_send_reason_dup_text (waiting, NULL);
  es_missing = rectify_send_reason_dup_text (missing, NULL);
  g_assert_cmpstr (es_waiting, ==, "Esperando una conexión a Internet");
  g_assert_true (g_str_has_prefix (es_missing, "«factura.pdf» ya no está."));

  if (!use_locale ("fr_FR.UTF-8"))
    return;
  fr_waiting = rectify_send_reason_dup_text (waiting, NULL);
  fr_missing = rectify_send_reason_dup_text (missing, NULL);
  fr_failed = rectify_send_reason_dup_text (failed, NULL);
  g_assert_cmpstr (fr_waiting, ==, "En attente d’une connexion à Internet");
  assert_contains (fr_missing, "factura.pdf");
  assert_contains (fr_missing, "n’existe plus");
  assert_contains (fr_failed, "503");
  g_assert_cmpstr (fr_missing, !=, es_missing);

  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/send-reason/every-code", test_every_code);
  g_test_add_func ("/send-reason/facts", test_facts_in_the_words);
  g_test_add_func ("/send-reason/languages", test_languages);

  return g_test_run ();
}
